/**
 * Text gathered into writes of about WRITE_CHARS: one write per row of a large export, or per line of a file
 * --resume rewrites, would be a syscall each.
 */
export const WRITE_CHARS = 1 << 16;

export class BufferedWrite {
  private pending = "";

  constructor(private readonly write: (text: string) => void) {}

  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= WRITE_CHARS) this.flush();
  }

  flush(): void {
    if (this.pending === "") return;
    this.write(this.pending);
    this.pending = "";
  }
}
