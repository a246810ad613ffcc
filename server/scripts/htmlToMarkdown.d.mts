/** botocore's documentation HTML to Markdown (htmlToMarkdown.mjs); undefined for no documentation. */
export function htmlToMarkdown(html: string | undefined): string | undefined;
