/** File endings a folder walk picks up (a module of its own: the walk runs where no loader is loaded). */
export const INPUT_EXTENSIONS: ReadonlySet<string> = new Set([".pdf", ".txt", ".md", ".csv", ".xml", ".hocr", ".html", ".htm"]);
