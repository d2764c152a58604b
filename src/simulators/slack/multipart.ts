// Just enough multipart/form-data to take the file bytes out of an upload (web-api posts them as a form part).

function boundaryOf(contentType: string): string | null {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]).trim() : null;
}

/** The first part carrying a file (or the first part at all); null when the body is not multipart. */
export function firstMultipartFile(contentType: string | undefined, body: Buffer): Buffer | null {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return null;
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ headers: string; content: Buffer }> = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const headersStart = start + delimiter.length + 2;
    const next = body.indexOf(delimiter, headersStart);
    if (next === -1) break;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd !== -1 && headersEnd < next) {
      parts.push({ headers: body.subarray(headersStart, headersEnd).toString('utf8'), content: body.subarray(headersEnd + 4, next - 2) });
    }
    start = next;
  }
  const withFile = parts.find((part) => /filename=/i.test(part.headers)) ?? parts[0];
  return withFile ? Buffer.from(withFile.content) : null;
}
