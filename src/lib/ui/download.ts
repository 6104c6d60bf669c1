/** Hands the browser a file to save, as the admin center's own exports do. */
export function download(name: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** `<tenant>-<what>-<day>.<ext>`, the tenant's name kept to letters and digits. */
export function fileName(tenant: string, what: string, now: number, ext: string): string {
  const stem = tenant
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const day = new Date(now).toISOString().slice(0, 10);
  return `${stem.toLowerCase() || 'tenant'}-${what}-${day}.${ext}`;
}
