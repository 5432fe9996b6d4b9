/**
 * Hands text to the browser as a file download, through a temporary object URL and a hidden
 * link. The text may come in parts (a large export), which go into the file as they are.
 * Browser only (Blob, object URLs, the DOM): call it from an event handler.
 */
export function downloadFile(fileName: string, parts: string | readonly string[], type: string) {
  const url = URL.createObjectURL(
    new Blob(typeof parts === 'string' ? [parts] : [...parts], { type }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers: wait a little.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
