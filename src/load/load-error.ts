/** A document that cannot be read: the batch records it as `failed` with this reason and goes on. */
export class LoadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "LoadError";
  }
}
