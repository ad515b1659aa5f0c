import { fileURLToPath } from "node:url";

/** The package root, from both src/ (tests) and dist/ (built CLI): this file sits one level below it. */
export const packageRoot: string = fileURLToPath(new URL("..", import.meta.url));

/** Where rule files live. */
export const rulesDir: string = fileURLToPath(new URL("../rules/", import.meta.url));
