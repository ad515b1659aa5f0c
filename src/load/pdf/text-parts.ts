/**
 * The assembled text of a document, built by appending pieces and joined once at the end. Dropping the
 * hyphen of a word joined across lines then cuts the last piece only; cutting the whole string instead
 * (`text.slice(0, -1)`) copies the document's text so far at every hyphen.
 */
export class TextParts {
  readonly #parts: string[] = [];
  #length = 0;

  /** Length of the text so far, in UTF-16 units as String.length. */
  get length(): number {
    return this.#length;
  }

  append(piece: string): void {
    this.#parts.push(piece);
    this.#length += piece.length;
  }

  /** Drops the last UTF-16 unit of the text, as `text.slice(0, -1)` would. */
  dropLast(): void {
    for (let k = this.#parts.length - 1; k >= 0; k--) {
      const piece = this.#parts[k] as string;
      if (piece.length === 0) continue;
      this.#parts[k] = piece.slice(0, -1);
      this.#length -= 1;
      return;
    }
  }

  toString(): string {
    return this.#parts.join("");
  }
}
