import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { INPUT_EXTENSIONS } from "../load/extensions.js";

export interface InputFile {
  /** Where to read it. */
  path: string;
  /** How records name it: relative to the working directory, "/" separators. */
  display: string;
}

export interface WalkResult {
  files: InputFile[];
  /** Paths given that do not exist or cannot be listed, with the reason. */
  missing: Array<{ path: string; reason: string }>;
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel === "" ? path : rel).split(sep).join("/");
}

/** A folder's `.delibignore`: one name or `*` pattern a line, matched against file and folder names below it. */
const IGNORE_FILE = ".delibignore";

async function ignorePatterns(dir: string): Promise<RegExp[]> {
  let text: string;
  try {
    text = await readFile(join(dir, IGNORE_FILE), "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => new RegExp(`^${l.replace(/[.+?^${}()|[\]\\]/gu, "\\$&").replace(/\*/gu, ".*")}$`, "u"));
}

/**
 * Files given and files below folders given (recursively, by accepted ending), sorted by path so
 * that output order does not depend on the file system. Symbolic-link loops are walked once.
 */
export async function walkInputs(paths: readonly string[]): Promise<WalkResult> {
  const files: InputFile[] = [];
  const missing: WalkResult["missing"] = [];
  const seenDirs = new Set<string>();
  const visit = async (p: string, explicit: boolean, ignored: RegExp[] = []): Promise<void> => {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      missing.push({ path: display(p), reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})` });
      return;
    }
    if (st.isDirectory()) {
      const real = await realpath(p);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = (await readdir(p)).sort();
      } catch (e) {
        missing.push({ path: display(p), reason: `folder cannot be listed (${(e as NodeJS.ErrnoException).code ?? "error"})` });
        return;
      }
      const ignore = [...ignored, ...(await ignorePatterns(p))];
      for (const name of entries) {
        if (name.startsWith(".") || name === "node_modules" || ignore.some((re) => re.test(name))) continue;
        await visit(join(p, name), false, ignore);
      }
      return;
    }
    if (explicit || INPUT_EXTENSIONS.has(extname(p).toLowerCase())) files.push({ path: p, display: display(p) });
  };
  for (const p of paths) await visit(p, true);
  return { files, missing };
}
