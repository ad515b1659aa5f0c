/**
 * Distributed batches (delib enqueue / worker / collect / status) against a real redis-server started here
 * on a free loopback port, with workers as separate processes. redis-server must be installed (.ci/run
 * installs the Debian package): without it these tests fail, they do not skip.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { packageRoot } from "../src/paths.js";
import { OUTPUT_FILES } from "../src/batch/output.js";
import { BATCH_NAMES, QUEUE_PREFIX } from "../src/distributed/batch.js";
import { CONNECT_TIMEOUT_MS, PING_TIMEOUT_MS } from "../src/distributed/redis.js";
import { textCorpus } from "../src/tools/bench/generate.js";
import { freePort, startRedisServer, type RedisServer } from "../src/tools/bench/redis-server.js";

const BIN = join(packageRoot, "bin", "delib.js");
/**
 * Generated text documents of the killed batch, besides the corpus's 37 files: a few seconds of work for
 * two workers, so that a kill lands mid-run (the 500-document run is `npm run bench:distributed`).
 */
const GENERATED = 120;
/** The seed text this many times over (2.9 MB): ~2 s to read, long enough for a signal to fall mid-read. */
const SLOW_COPIES = 50;
/** Share of the jobs done when the first worker is killed. */
const KILL_AT_SHARE = 0.3;
/** The workers' --lock (s): short, so that the killed worker's job is taken again within seconds. */
const LOCK_S = 3;
/** Slack over the Redis deadlines for a process to start, fail and exit on a loaded machine (ms). */
const EXIT_SLACK_MS = 5_000;
const POLL_MS = 20;
const RUN_MS = 240_000;

const made: string[] = [];
function tmp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `delib-dist-${prefix}-`));
  made.push(dir);
  return dir;
}

let server: RedisServer;
let url = "";
let redis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  url = server.url;
  redis = new Redis(url, { maxRetriesPerRequest: 1 });
}, 30_000);

afterAll(async () => {
  await redis?.quit().catch(() => undefined);
  await server?.stop();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI to its end from `cwd` (display paths are relative to it, for extract and enqueue alike). */
function delib(args: string[], cwd: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr, ms: performance.now() - started })));
}

function startWorker(batch: string, cwd: string): { child: ChildProcess; done: Promise<Run> } {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "worker", "--batch", batch, "--redis", url, "--concurrency", "1", "--lock", String(LOCK_S), "--exit-when-done", "--quiet"], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on("close", (status) => resolve({ status, stdout: "", stderr, ms: performance.now() - started })));
  return { child, done };
}

function resultFiles(dir: string): number {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).length : 0;
}

/** The batch's input folder under `root`: the corpus, GENERATED text documents, one file copied under a second name, a bad PDF. */
async function makeInputs(root: string): Promise<void> {
  const inputs = join(root, "inputs");
  cpSync(join(packageRoot, "corpus"), join(inputs, "corpus"), { recursive: true });
  const generated = await textCorpus(GENERATED);
  mkdirSync(join(inputs, "generated"));
  for (const f of readdirSync(generated.dir).filter((n) => n.endsWith(".txt"))) copyFileSync(join(generated.dir, f), join(inputs, "generated", f));
  // Same bytes under two paths: one job, two documents.
  copyFileSync(join(inputs, "generated", "doc-000000.txt"), join(inputs, "generated", "same-as-doc-000000.txt"));
  writeFileSync(join(inputs, "broken.pdf"), "%PDF-1.7\nnot really a PDF\n");
}

async function statusOf(batch: string, cwd: string): Promise<Record<string, number | string | null>> {
  return statusOfAt(batch, url, cwd);
}

async function statusOfAt(batch: string, at: string, cwd: string): Promise<Record<string, number | string | null>> {
  const run = await delib(["status", "--batch", batch, "--redis", at, "--json"], cwd);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, number | string | null>;
}

/** `delib worker --batch <batch> --exit-when-done` on Redis at `at`, to its end. */
async function startWorkerAt(at: string, batch: string, cwd: string): Promise<Run> {
  return delib(["worker", "--batch", batch, "--redis", at, "--concurrency", "1", "--lock", String(LOCK_S), "--exit-when-done", "--quiet"], cwd);
}

describe("distributed batches on BullMQ and Redis", () => {
  it(
    "two worker processes, one SIGKILLed mid-run and restarted: collect writes extract's very bytes, each document once",
    async () => {
      const root = tmp("batch");
      await makeInputs(root);
      // A path given that does not exist: reported first, as extract does.
      const args = ["inputs", "missing-folder"];
      const plain = await delib(["extract", ...args, "--out", "plain", "--quiet", "--concurrency", "1"], root);
      expect(plain.status, plain.stderr).toBe(1);

      const enqueue = ["enqueue", ...args, "--batch", "kill", "--redis", url, "--results", "results", "--quiet"];
      expect((await delib(enqueue, root)).status).toBe(0);
      const queued = await statusOf("kill", root);
      // Enqueued again: no job added.
      const again = await delib(enqueue, root);
      expect(again.status, again.stderr).toBe(0);
      const documents = readFileSync(join(root, "plain", "documents.jsonl"), "utf8").split("\n").length - 1;
      // One job per distinct content: the copy shares its original's, the missing folder has none.
      expect(queued).toMatchObject({ documents, jobs: documents - 2, waiting: documents - 2, active: 0, done: 0, failed: 0 });
      expect(await statusOf("kill", root)).toMatchObject({ jobs: documents - 2, waiting: documents - 2 });

      const results = join(root, "results");
      const first = startWorker("kill", root);
      const second = startWorker("kill", root);
      const killAt = Math.floor((documents - 2) * KILL_AT_SHARE);
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (resultFiles(results) < killAt) return;
          clearInterval(poll);
          first.child.kill("SIGKILL");
          resolve();
        }, POLL_MS);
        first.done.then(() => {
          clearInterval(poll);
          reject(new Error(`Expected the first worker to be killed at ${killAt} results, got it ended by itself`));
        }, reject);
      });
      expect((await first.done).status).toBe(null);
      const restarted = startWorker("kill", root);
      const [secondRun, restartedRun] = await Promise.all([second.done, restarted.done]);
      expect(secondRun.status, secondRun.stderr).toBe(0);
      expect(restartedRun.status, restartedRun.stderr).toBe(0);

      const status = await statusOf("kill", root);
      expect(status).toMatchObject({ documents, jobs: documents - 2, waiting: 0, active: 0, retrying: 0, done: documents - 2, failed: 0 });
      expect(typeof status["overallPerSecond"]).toBe("number");

      // The kill fell within a job: BullMQ's stalled-job check gave it to another worker (started twice).
      const queue = new Queue("kill", { connection: redis, prefix: QUEUE_PREFIX });
      const completed = await queue.getJobs(["completed"], 0, -1);
      await queue.close();
      expect(completed.length).toBe(documents - 2);
      expect(completed.filter((j) => j.attemptsStarted > 1).length, "Expected a job the killed worker held to be started again").toBeGreaterThan(0);

      const collect = await delib(["collect", "--batch", "kill", "--redis", url, "--out", "collected", "--quiet"], root);
      expect(collect.status, collect.stderr).toBe(1); // the broken PDF and the missing folder failed, as with extract
      for (const f of OUTPUT_FILES) {
        expect(readFileSync(join(root, "collected", f), "utf8"), `collected/${f} against extract's`).toBe(readFileSync(join(root, "plain", f), "utf8"));
      }
      const paths = readFileSync(join(root, "collected", "documents.jsonl"), "utf8")
        .split("\n")
        .slice(0, -1)
        .map((l) => (JSON.parse(l) as { path: string }).path);
      expect(new Set(paths).size).toBe(paths.length);
      expect(paths).toContain("inputs/generated/same-as-doc-000000.txt");
      expect(paths[0]).toBe("missing-folder");
    },
    RUN_MS,
  );

  it(
    "a job that cannot read its file is retried, then collected as a failed document with the reason; collect refuses an unfinished batch",
    async () => {
      const root = tmp("retry");
      mkdirSync(join(root, "in"));
      const corpusText = join(packageRoot, "corpus", "written");
      const someText = readdirSync(corpusText, { recursive: true, encoding: "utf8" }).find((f) => f.endsWith(".txt"));
      expect(someText, `Expected a .txt file under ${corpusText}`).toBeDefined();
      copyFileSync(join(corpusText, someText ?? ""), join(root, "in", "kept.txt"));
      writeFileSync(join(root, "in", "gone.txt"), "Délibération n° 1\nLe conseil approuve.\n");
      const enqueued = await delib(["enqueue", "in", "--batch", "retry", "--redis", url, "--results", "results", "--attempts", "3", "--backoff", "0.1", "--quiet"], root);
      expect(enqueued.status, enqueued.stderr).toBe(0);
      const early = await delib(["collect", "--batch", "retry", "--redis", url, "--out", "early"], root);
      expect(early.status).toBe(2);
      expect(early.stderr).toMatch(/Expected every document of batch "retry" done or failed, got 2 not done: in\/gone\.txt \(waiting\)/u);
      expect(existsSync(join(root, "early", "documents.jsonl"))).toBe(false);

      rmSync(join(root, "in", "gone.txt"));
      const worker = startWorker("retry", root);
      const run = await worker.done;
      expect(run.status, run.stderr).toBe(0);
      expect(await statusOf("retry", root)).toMatchObject({ done: 1, failed: 1, waiting: 0, retrying: 0 });
      const collect = await delib(["collect", "--batch", "retry", "--redis", url, "--out", "out", "--quiet"], root);
      expect(collect.status, collect.stderr).toBe(1);
      const lines = readFileSync(join(root, "out", "documents.jsonl"), "utf8").split("\n").slice(0, -1).map((l) => JSON.parse(l) as { path: string; status: string; reason: string | null });
      expect(lines.map((l) => l.path)).toEqual(["in/gone.txt", "in/kept.txt"]);
      expect(lines[0]?.status).toBe("failed");
      expect(lines[1]?.status).not.toBe("failed");
      expect(lines[0]?.reason).toMatch(/^in\/gone\.txt: not read after 3 attempts \(ENOENT/u);
    },
    RUN_MS,
  );

  it("Redis unreachable: every command stops with exit code 2 and one line naming the URL, within seconds", async () => {
    const root = tmp("unreachable");
    const closed = `redis://127.0.0.1:${await freePort()}`;
    for (const args of [
      ["enqueue", packageRoot, "--batch", "b", "--redis", closed],
      ["worker", "--batch", "b", "--redis", closed],
      ["collect", "--batch", "b", "--out", "out", "--redis", closed],
      ["status", "--batch", "b", "--redis", closed],
      ["worker", "--redis", closed],
      ["forget", "--batch", "b", "--redis", closed],
    ]) {
      const run = await delib(args, root);
      expect(run.status, `${args[0]}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toBe(`delib: Expected Redis to answer at ${closed}, got connect ECONNREFUSED ${closed.slice("redis://".length)}\n`);
      expect(run.ms).toBeLessThan(EXIT_SLACK_MS);
    }
    // A server that accepts the connection and never answers: the deadlines, not a hang.
    const silent: Server = createServer(() => undefined);
    const port = await new Promise<number>((resolve) => silent.listen(0, "127.0.0.1", () => resolve((silent.address() as { port: number }).port)));
    try {
      const run = await delib(["status", "--batch", "b", "--redis", `redis://127.0.0.1:${port}`], root);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^delib: Expected Redis to answer at redis://127\\.0\\.0\\.1:${port}, got no (connection|answer to PING) within \\d+ s\\n$`, "u"));
      expect(run.ms).toBeLessThan(CONNECT_TIMEOUT_MS + PING_TIMEOUT_MS + EXIT_SLACK_MS);
    } finally {
      silent.close();
    }
  }, 60_000);

  it("usage: an unknown batch, a bad batch name, an enqueue with other inputs under a used name", async () => {
    const root = tmp("usage");
    const unknown = await delib(["status", "--batch", "never-enqueued", "--redis", url], root);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(`delib: Expected a batch named "never-enqueued" in Redis at ${url}, got none (delib enqueue <path>... --batch never-enqueued first)\n`);
    const badName = await delib(["worker", "--batch", "a:b", "--redis", url], root);
    expect(badName.status).toBe(2);
    expect(badName.stderr).toMatch(/Expected --batch to be 1–100 letters, digits, "-" or "_", got "a:b"/u);
    writeFileSync(join(root, "one.txt"), "Délibération n° 1\n");
    writeFileSync(join(root, "two.txt"), "Délibération n° 2\n");
    expect((await delib(["enqueue", "one.txt", "--batch", "used", "--redis", url, "--quiet"], root)).status).toBe(0);
    const other = await delib(["enqueue", "two.txt", "--batch", "used", "--redis", url, "--quiet"], root);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/Expected batch "used" to be enqueued again with the same inputs, options and --results, got different ones/u);
  }, 60_000);
});

/** Keys of a Redis database, sorted (the test databases hold a few hundred at most). */
async function keysOf(client: Redis, pattern = "*"): Promise<string[]> {
  return (await client.keys(pattern)).sort();
}

/** Each of the four files collect wrote under `collected` equals extract's under `plain`. */
function sameAsExtract(root: string, collected: string, plain: string): void {
  for (const f of OUTPUT_FILES) {
    expect(readFileSync(join(root, collected, f), "utf8"), `${collected}/${f} against ${plain}/${f}`).toBe(readFileSync(join(root, plain, f), "utf8"));
  }
}

/** Waits until `done` says yes, asking every POLL_MS; fails past `ms`. */
async function until(what: string, ms: number, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`Expected ${what} within ${ms / 1000} s, got it not`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** How long a few small batches may take a worker on a loaded machine (ms): they take ~2 s alone. */
const SMALL_RUN_MS = 60_000;

describe("a worker without --batch, and delib forget", () => {
  // A server of their own: the batches of the tests above are not served here, and each test has its own database.
  let own: RedisServer;
  const clients: Redis[] = [];
  /** Workers started here: one a failed test leaves running (its Redis then gone, it would retry for ever) is killed at the end. */
  const children: ChildProcess[] = [];
  /** The URL of database `db` of this server, and a client on it. */
  function database(db: number): { dbUrl: string; client: Redis } {
    const dbUrl = `${own.url}/${db}`;
    const client = new Redis(dbUrl, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return { dbUrl, client };
  }

  beforeAll(async () => {
    own = await startRedisServer();
  }, 30_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    for (const client of clients) await client.quit().catch(() => undefined);
    await own?.stop();
  });

  /** Two folders of the corpus, small and fast to read: 9 text and PDF documents, and 3 with a 2-page PDF. */
  function smallInputs(root: string): void {
    cpSync(join(packageRoot, "corpus", "written", "commune"), join(root, "in", "commune"), { recursive: true });
    cpSync(join(packageRoot, "corpus", "written", "syndicate"), join(root, "in", "syndicate"), { recursive: true });
  }

  /** `delib worker` without --batch, as a process; `stderr` grows as it writes. */
  function startAllWorker(dbUrl: string, cwd: string, extra: string[], ownGroup = false): { child: ChildProcess; stderr: () => string; done: Promise<Run> } {
    const started = performance.now();
    // ownGroup: the worker leads a process group, as a shell's foreground job does: Ctrl-C signals the whole group.
    const child = spawn(process.execPath, [BIN, "worker", "--redis", dbUrl, "--concurrency", "1", "--lock", String(LOCK_S), ...extra], { cwd, stdio: ["ignore", "ignore", "pipe"], detached: ownGroup });
    children.push(child);
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<Run>((resolve) => child.on("close", (status) => resolve({ status, stdout: "", stderr, ms: performance.now() - started })));
    return { child, stderr: () => stderr, done };
  }

  it(
    "one worker process serves two batches, each with its own options and results folder; collect of each equals extract's",
    async () => {
      const { dbUrl } = database(1);
      const root = tmp("all");
      smallInputs(root);
      const alpha = ["in/commune"];
      // The same PDF as in alpha, read with another --max-pages: one job id in each batch, two results.
      const beta = ["in/syndicate", "in/commune/2022-05-24-saint-jean-de-bournay", "--max-pages", "1"];
      for (const [args, out] of [
        [alpha, "plain-alpha"],
        [beta, "plain-beta"],
      ] as const) {
        const run = await delib(["extract", ...args, "--out", out, "--quiet", "--concurrency", "1"], root);
        expect(run.status, run.stderr).toBeLessThan(2);
      }
      expect(readFileSync(join(root, "plain-beta", "documents.jsonl"), "utf8")).toMatch(/--max-pages/u);
      for (const [args, batch] of [
        [alpha, "alpha"],
        [beta, "beta"],
      ] as const) {
        const run = await delib(["enqueue", ...args, "--batch", batch, "--redis", dbUrl, "--results", `results-${batch}`, "--quiet"], root);
        expect(run.status, run.stderr).toBe(0);
      }

      const worker = startAllWorker(dbUrl, root, ["--exit-when-done"]);
      const run = await worker.done;
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`^delib worker: serving batch alpha \\(9 documents in \\d+ jobs; results in ${join(root, "results-alpha").replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}\\)$`, "mu"));
      expect(run.stderr).toMatch(/^delib worker: serving batch beta \(5 documents in \d+ jobs; /mu);
      expect(run.stderr).toMatch(/^delib worker: \d+ jobs done by this worker \(alpha: \d+, beta: \d+\)$/mu);

      for (const batch of ["alpha", "beta"]) {
        const status = await statusOfAt(batch, dbUrl, root);
        expect(status).toMatchObject({ waiting: 0, active: 0, retrying: 0, failed: 0, done: status["jobs"] });
        const collect = await delib(["collect", "--batch", batch, "--redis", dbUrl, "--out", `collected-${batch}`, "--quiet"], root);
        expect(collect.status, collect.stderr).toBeLessThan(2);
        sameAsExtract(root, `collected-${batch}`, `plain-${batch}`);
      }
    },
    SMALL_RUN_MS,
  );

  it(
    "a batch enqueued while the worker runs is served; SIGTERM stops it with exit code 0",
    async () => {
      const { dbUrl } = database(2);
      const root = tmp("late");
      smallInputs(root);
      const plain = await delib(["extract", "in/commune", "--out", "plain", "--quiet", "--concurrency", "1"], root);
      expect(plain.status, plain.stderr).toBe(0);

      const worker = startAllWorker(dbUrl, root, []);
      await until("the worker to say it waits for a batch", SMALL_RUN_MS / 2, () => worker.stderr().includes("waiting for one"));
      const enqueued = await delib(["enqueue", "in/commune", "--batch", "late", "--redis", dbUrl, "--results", "results", "--quiet"], root);
      expect(enqueued.status, enqueued.stderr).toBe(0);
      await until("the late batch to be done", SMALL_RUN_MS / 2, async () => {
        const status = await statusOfAt("late", dbUrl, root);
        return status["done"] === status["jobs"];
      });
      worker.child.kill("SIGTERM");
      const run = await worker.done;
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/^delib worker: serving batch late /mu);
      const collect = await delib(["collect", "--batch", "late", "--redis", dbUrl, "--out", "collected", "--quiet"], root);
      expect(collect.status, collect.stderr).toBe(0);
      sameAsExtract(root, "collected", "plain");
    },
    SMALL_RUN_MS,
  );

  it(
    "a batch enqueued before the set of batch names existed (its meta key only) is found at start",
    async () => {
      const { dbUrl, client } = database(3);
      const root = tmp("older");
      smallInputs(root);
      const enqueued = await delib(["enqueue", "in/syndicate", "--batch", "older", "--redis", dbUrl, "--quiet"], root);
      expect(enqueued.status, enqueued.stderr).toBe(0);
      expect(await client.smembers(BATCH_NAMES)).toEqual(["older"]);
      // As enqueue left it before this change.
      await client.del(BATCH_NAMES);
      const run = await startAllWorker(dbUrl, root, ["--exit-when-done", "--quiet"]).done;
      expect(run.status, run.stderr).toBe(0);
      expect(await statusOfAt("older", dbUrl, root)).toMatchObject({ jobs: 3, done: 3, waiting: 0, active: 0 });
    },
    SMALL_RUN_MS,
  );

  it(
    "forget removes every key of a batch, and only its; it refuses while jobs are not over, unless --force",
    async () => {
      const { dbUrl, client } = database(4);
      const root = tmp("forget");
      smallInputs(root);
      for (const [path, batch] of [
        ["in/syndicate", "gone"],
        ["in/commune", "kept"],
      ] as const) {
        const run = await delib(["enqueue", path, "--batch", batch, "--redis", dbUrl, "--results", `results-${batch}`, "--quiet"], root);
        expect(run.status, run.stderr).toBe(0);
      }
      const worker = startWorkerAt(dbUrl, "gone", root);
      expect((await worker).status).toBe(0);
      const results = readdirSync(join(root, "results-gone")).sort();
      expect(results.length).toBe(3);

      const keptKeys = await keysOf(client, "*kept*");
      expect(keptKeys.length).toBeGreaterThan(0);
      const refused = await delib(["forget", "--batch", "kept", "--redis", dbUrl], root);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toBe(
        `delib: Expected batch "kept" to have no job waiting, active or waiting to be retried, got 9 waiting, 0 active, 0 retrying (delib status --batch kept; --force to forget it all the same)\n`,
      );
      expect(await keysOf(client, "*kept*")).toEqual(keptKeys);

      expect((await keysOf(client, `${QUEUE_PREFIX}:gone:*`)).length).toBeGreaterThan(0);
      const forgot = await delib(["forget", "--batch", "gone", "--redis", dbUrl], root);
      expect(forgot.status, forgot.stderr).toBe(0);
      expect(forgot.stderr).toMatch(/^delib: batch gone forgotten in .*: 3 jobs \(3 done, 0 failed\) and 3 inputs removed; results kept in /u);
      expect(await keysOf(client, `${QUEUE_PREFIX}:gone:*`)).toEqual([]);
      expect(await keysOf(client, "delib-batch:gone*")).toEqual([]);
      expect(await client.smembers(BATCH_NAMES)).toEqual(["kept"]);
      expect(await keysOf(client, "*kept*")).toEqual(keptKeys);
      // The result files stay; Redis no longer knows the batch.
      expect(readdirSync(join(root, "results-gone")).sort()).toEqual(results);
      const status = await delib(["status", "--batch", "gone", "--redis", dbUrl], root);
      expect(status.status).toBe(2);
      expect(status.stderr).toMatch(/^delib: Expected a batch named "gone" in Redis at /u);
      const again = await delib(["forget", "--batch", "gone", "--redis", dbUrl], root);
      expect(again.status).toBe(2);
      expect(again.stderr).toBe(`delib: Expected a batch named "gone" in Redis at ${dbUrl}, got none (delib enqueue <path>... --batch gone first)\n`);

      const forced = await delib(["forget", "--batch", "kept", "--redis", dbUrl, "--force", "--quiet"], root);
      expect(forced.status, forced.stderr).toBe(0);
      expect(forced.stderr).toBe("");
      // Nothing of either batch is left, the set of names included.
      expect(await keysOf(client)).toEqual([]);
    },
    SMALL_RUN_MS,
  );

  it(
    "Ctrl-C on the worker's terminal (SIGINT to its process group) lets it finish the document in hand: it is read, not failed",
    async () => {
      const { dbUrl } = database(6);
      const root = tmp("ctrl-c");
      smallInputs(root);
      // Read first (its name sorts first) and slow: ~2 s, so the signal falls while it is read.
      const seed = readFileSync(join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.txt"), "utf8");
      writeFileSync(join(root, "in", "commune", "0-slow.txt"), Array.from({ length: SLOW_COPIES }, () => seed).join("\n"));
      const plain = await delib(["extract", "in/commune", "--out", "plain", "--quiet", "--concurrency", "1"], root);
      expect(plain.status, plain.stderr).toBe(0);
      const enqueued = await delib(["enqueue", "in/commune", "--batch", "ctrl-c", "--redis", dbUrl, "--results", "results", "--quiet"], root);
      expect(enqueued.status, enqueued.stderr).toBe(0);

      const worker = startAllWorker(dbUrl, root, [], true);
      await until("the worker to take the batch", SMALL_RUN_MS / 2, () => worker.stderr().includes("serving batch ctrl-c"));
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(-(worker.child.pid ?? 0), "SIGINT");
      const run = await worker.done;
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/crashed|failed/u);
      // The rest, by a second worker; then every document as extract read it: the slow one too.
      const rest = await startAllWorker(dbUrl, root, ["--exit-when-done", "--quiet"]).done;
      expect(rest.status, rest.stderr).toBe(0);
      const collect = await delib(["collect", "--batch", "ctrl-c", "--redis", dbUrl, "--out", "collected", "--quiet"], root);
      expect(collect.status, collect.stderr).toBe(0);
      sameAsExtract(root, "collected", "plain");
    },
    SMALL_RUN_MS,
  );

  it("usage: forget's and the worker's options, and a worker with no batch to serve", async () => {
    const { dbUrl } = database(5);
    const root = tmp("usage-all");
    const none = await delib(["forget", "--redis", dbUrl], root);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^delib: Expected --batch <name>, got none\n\nUsage: delib forget --batch <name>/u);
    const badName = await delib(["forget", "--batch", "a:b", "--redis", dbUrl], root);
    expect(badName.status).toBe(2);
    expect(badName.stderr).toMatch(/^delib: Expected --batch to be 1–100 letters, digits, "-" or "_", got "a:b"\n\nUsage: delib forget/u);
    const unknownOption = await delib(["forget", "--batch", "b", "--bogus"], root);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toMatch(/^delib: Unknown option '--bogus'.*\n\nUsage: delib forget/u);
    const help = await delib(["forget", "--help"], root);
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/^Usage: delib forget --batch <name> \[--redis <url>\] \[--force\] \[--quiet\]/u);
    const listed = await delib(["--help"], root);
    expect(listed.stderr).toMatch(/^Commands: extract, export, query, enqueue, worker, collect, status, forget$/mu);
    const workerHelp = await delib(["worker", "--help"], root);
    expect(workerHelp.stderr).toMatch(/^Usage: delib worker \[--batch <name>\] \[--redis <url>\] \[--concurrency N\]/u);
    const badConcurrency = await delib(["worker", "--redis", dbUrl, "--concurrency", "0"], root);
    expect(badConcurrency.status).toBe(2);
    expect(badConcurrency.stderr).toMatch(/^delib: Expected --concurrency to be a whole number ≥ 1, got "0"\n\nUsage: delib worker/u);
    // An empty database: nothing to wait for.
    const idle = await delib(["worker", "--redis", dbUrl, "--exit-when-done"], root);
    expect(idle.status, idle.stderr).toBe(0);
    expect(idle.stderr).toBe(`delib worker: no batch in Redis at ${dbUrl}: nothing to do (--exit-when-done)\n`);
    expect(idle.ms).toBeLessThan(EXIT_SLACK_MS);
  }, 60_000);
});
