// How far a signed request's date may be from the service's clock. One fact for the extension (which explains a
// refusal) and the local endpoint (which refuses like AWS); import-free, so the extension can use it at activation
// without loading the model.

/**
 * A header-signed request is refused when it "reached the service more than 15 minutes after the date stamp on the
 * request", or when "the date stamp on the request is more than 15 minutes in the future" (RequestExpired,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonErrors.html).
 */
export const MAX_CLOCK_SKEW_MINUTES = 15;
