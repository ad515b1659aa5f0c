import type { DocumentModel } from "../model/document.js";
import type { Issue } from "../model/issue.js";

/** What every loader returns: the document model and the problems met while reading it. */
export interface Loaded {
  model: DocumentModel;
  issues: Issue[];
}
