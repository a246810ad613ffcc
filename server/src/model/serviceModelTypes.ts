/** The shape of the generated service model (a trimmed copy of botocore's service-2.json). */
export interface ServiceModel {
  metadata: { apiVersion: string; xmlNamespace: string; endpointPrefix: string };
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
}

export interface OperationModel {
  input?: string;
  output?: string;
  resultWrapper?: string;
  errors: string[];
  documentation?: string;
  deprecated?: boolean;
}

export interface MemberModel {
  shape: string;
  locationName?: string;
  deprecated?: boolean;
  documentation?: string;
}

export interface ShapeModel {
  type: 'structure' | 'list' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'double' | 'float' | 'blob' | 'map';
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  required?: string[];
  sensitive?: boolean;
  member?: { shape: string; locationName?: string };
  members?: Record<string, MemberModel>;
  exception?: boolean;
  error?: { code: string; httpStatusCode: number; senderFault: boolean };
  wrapper?: boolean;
  documentation?: string;
}
