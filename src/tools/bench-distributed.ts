#!/usr/bin/env node
/**
 * `npm run bench:distributed` — a distributed batch (delib enqueue / worker / collect) on a redis-server
 * started for the run, workers as separate processes, each `--concurrency 1`:
 * - `--throughput-text N` (default 5,000) generated text documents: 1 worker against 2 workers, wall time
 *   from the workers' start to the last one's exit, and the CPU each process used (all its threads, from
 *   /proc). 500 documents took ~5 s, of which each process's start and JIT warm-up (~1 s) weighed a fifth;
 * - `--pdfs N` (default 300; 0 skips) of the PDFs `npm run bench:batch` generates, the same way, when
 *   they are in the temp folder (made there by bench:batch: ~18 minutes the first time, not made here);
 * - the kill run: `--text N` (default 500) text documents, 2 workers, one SIGKILLed once KILL_AT_SHARE of the jobs are done
 *   and restarted; then every job done exactly once, and collect's files against a plain `extract`.
 * Prints a Markdown report; `--write` also writes it to bench/DISTRIBUTED.md.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { packageRoot } from "../paths.js";
import { OUTPUT_FILES } from "../batch/output.js";
import { QUEUE_PREFIX } from "../distributed/batch.js";
import { textCorpus } from "./bench/generate.js";
import { DELIB_BIN, processTree } from "./bench/measure.js";
import { startRedisServer, type RedisServer } from "./bench/redis-server.js";
import { runMain } from "./run-main.js";

/** The target: 2 workers against 1 on this 2-core machine. */
const TWO_WORKERS_SPEEDUP = 1.8;
/** Share of the jobs done when the kill run's first worker is SIGKILLed. */
const KILL_AT_SHARE = 0.4;
/** The workers' --lock in the kill run (s): the default 10 s would add ~15 s of waiting to a ~10 s batch. */
const KILL_RUN_LOCK_S = 2;
/** How often the CPU time of the processes is read, and the results folder counted (ms). */
const SAMPLE_MS = 50;
/** Clock ticks a second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

const fmt = (n: number, digits = 1): string => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * CPU seconds a process (all its threads) used so far, with those of its children that have ended (and been
 * waited for); undefined once it has exited.
 */
function ownCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces) in parentheses: utime, stime, cutime and cstime are the 12th to 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** CPU seconds a process and its reading processes used so far (running or ended); undefined once it has exited. */
function cpuSeconds(pid: number): number | undefined {
  const own = ownCpuSeconds(pid);
  if (own === undefined) return undefined;
  return processTree(pid)
    .slice(1)
    .reduce((sum, child) => sum + (ownCpuSeconds(child) ?? 0), own);
}

/** CPU seconds the whole machine spent busy (not idle nor waiting on I/O) so far, from /proc/stat. */
function machineBusySeconds(): number {
  try {
    const [cpu] = readFileSync("/proc/stat", "utf8").split("\n");
    const ticks = (cpu ?? "").trim().split(/\s+/u).slice(1).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return (ticks.slice(0, 8).reduce((a, b) => a + b, 0) - idle) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

interface WorkerRun {
  child: ChildProcess;
  /** CPU seconds at the last sample before it exited. */
  cpu: number;
  exit: Promise<number | null>;
}

function startWorker(redis: string, batch: string, cwd: string, lockS?: number): WorkerRun {
  const args = [DELIB_BIN, "worker", "--batch", batch, "--redis", redis, "--concurrency", "1", "--exit-when-done", "--quiet", ...(lockS === undefined ? [] : ["--lock", String(lockS)])];
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
  const run: WorkerRun = { child, cpu: 0, exit: Promise.resolve(null) };
  const sample = setInterval(() => {
    const cpu = child.pid === undefined ? undefined : cpuSeconds(child.pid);
    if (cpu !== undefined) run.cpu = cpu;
  }, SAMPLE_MS);
  run.exit = new Promise((resolve) =>
    child.on("exit", (code) => {
      clearInterval(sample);
      resolve(code);
    }),
  );
  return run;
}

function delib(args: string[], cwd: string): Promise<number | null> {
  const child = spawn(process.execPath, [DELIB_BIN, ...args], { cwd, stdio: ["ignore", "ignore", "inherit"] });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

interface Throughput {
  workers: number;
  documents: number;
  seconds: number;
  /** CPU seconds per worker process, and Redis's over the run. */
  workerCpu: number[];
  redisCpu: number;
  /** CPU seconds the machine spent busy over the run, these processes and every other one. */
  machineCpu: number;
}

/** Enqueues `input` as a new batch, runs `workers` worker processes to the end, times them. */
async function throughput(server: RedisServer, input: string, batch: string, workers: number, root: string): Promise<Throughput> {
  const code = await delib(["enqueue", input, "--batch", batch, "--redis", server.url, "--results", join(root, batch), "--quiet"], root);
  if (code !== 0) throw new Error(`Expected delib enqueue to exit with 0, got ${code}`);
  const redisBefore = cpuSeconds(server.pid) ?? 0;
  const machineBefore = machineBusySeconds();
  const started = performance.now();
  const runs = Array.from({ length: workers }, () => startWorker(server.url, batch, root));
  const codes = await Promise.all(runs.map((r) => r.exit));
  const seconds = (performance.now() - started) / 1000;
  if (codes.some((c) => c !== 0)) throw new Error(`Expected every worker to exit with 0, got ${codes.join(", ")}`);
  const documents = readdirSync(join(root, batch)).filter((f) => f.endsWith(".json")).length;
  const machineCpu = machineBusySeconds() - machineBefore;
  return { workers, documents, seconds, workerCpu: runs.map((r) => r.cpu), redisCpu: (cpuSeconds(server.pid) ?? 0) - redisBefore, machineCpu };
}

function throughputPart(title: string, one: Throughput, two: Throughput): string[] {
  const speedup = one.seconds / two.seconds;
  const pct = (cpu: number, t: Throughput): string => `${fmt((cpu / t.seconds) * 100, 0)} %`;
  const others = (t: Throughput): number => Math.max(0, t.machineCpu - t.redisCpu - t.workerCpu.reduce((a, b) => a + b, 0));
  const line = (t: Throughput): string =>
    `| ${t.workers} | ${t.documents} | ${fmt(t.seconds, 2)} s | ${fmt(t.documents / t.seconds)} | ${t.workerCpu.map((c) => pct(c, t)).join(" + ")} | ${pct(t.redisCpu, t)} | ${pct(others(t), t)} | ${fmt((t.workerCpu.reduce((a, b) => a + b, 0) / t.documents) * 1000)} ms |`;
  return [
    `## ${title}`,
    "",
    "| workers | jobs | wall (start to last exit) | jobs/s | CPU of each worker (with its reader) / wall | redis-server | every other process of the machine | worker CPU per job |",
    "|---|---|---|---|---|---|---|---|",
    line(one),
    line(two),
    "",
    `- 2 workers against 1: **${fmt(speedup, 2)}×** (target ≥ ${TWO_WORKERS_SPEEDUP}: ${speedup >= TWO_WORKERS_SPEEDUP ? "yes" : "**no**"})`,
    `- the machine's other processes (the last column: another user's work, the benchmark itself) took ${pct(others(one), one)} of a core beside 1 worker and ${pct(others(two), two)} beside 2: the figures are the speed-up on this machine as it was, not on an idle one.`,
    `- one worker with one reading process keeps ${fmt((one.workerCpu[0] ?? 0) / one.seconds, 2)} cores busy (its own process, its reader, V8's compiler and GC threads in each): two such on ${availableParallelism()} cores can reach at most ~${fmt(Math.min(2, availableParallelism() / ((one.workerCpu[0] ?? 0) / one.seconds)), 2)}×, less what Redis and the machine's other load take.`,
    "",
  ];
}

interface KillRun {
  documents: number;
  jobs: number;
  doneAtKill: number;
  startedTwice: number;
  completed: number;
  failed: number;
  differing: string[];
  repeated: number;
  seconds: number;
}

/** 2 workers, one SIGKILLed at KILL_AT_SHARE of the jobs and restarted; collect against extract. */
async function killRun(server: RedisServer, input: string, root: string): Promise<KillRun> {
  const batch = "kill";
  const results = join(root, batch);
  if ((await delib(["extract", input, "--out", join(root, "plain"), "--quiet"], root)) !== 0) throw new Error("Expected the plain extract to exit with 0");
  if ((await delib(["enqueue", input, "--batch", batch, "--redis", server.url, "--results", results, "--quiet"], root)) !== 0) throw new Error("Expected delib enqueue to exit with 0");
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  const queue = new Queue(batch, { connection: redis, prefix: QUEUE_PREFIX });
  try {
    const jobs = await queue.count();
    const started = performance.now();
    const first = startWorker(server.url, batch, root, KILL_RUN_LOCK_S);
    const second = startWorker(server.url, batch, root, KILL_RUN_LOCK_S);
    const count = (): number => (existsSync(results) ? readdirSync(results).filter((f) => f.endsWith(".json")).length : 0);
    const doneAtKill = await new Promise<number>((resolve) => {
      const poll = setInterval(() => {
        const n = count();
        if (n < jobs * KILL_AT_SHARE) return;
        clearInterval(poll);
        first.child.kill("SIGKILL");
        resolve(n);
      }, SAMPLE_MS);
    });
    await first.exit;
    const restarted = startWorker(server.url, batch, root, KILL_RUN_LOCK_S);
    await Promise.all([second.exit, restarted.exit]);
    const seconds = (performance.now() - started) / 1000;
    const completed = await queue.getJobs(["completed"], 0, -1);
    const failed = await queue.getFailedCount();
    if ((await delib(["collect", "--batch", batch, "--redis", server.url, "--out", join(root, "collected"), "--quiet"], root)) !== 0) throw new Error("Expected delib collect to exit with 0");
    const differing = OUTPUT_FILES.filter((f) => readFileSync(join(root, "collected", f), "utf8") !== readFileSync(join(root, "plain", f), "utf8"));
    const paths = readFileSync(join(root, "collected", "documents.jsonl"), "utf8")
      .split("\n")
      .slice(0, -1)
      .map((l) => (JSON.parse(l) as { path: string }).path);
    return {
      documents: paths.length,
      jobs,
      doneAtKill,
      startedTwice: completed.filter((j) => j.attemptsStarted > 1).length,
      completed: completed.length,
      failed,
      differing,
      repeated: paths.length - new Set(paths).size,
      seconds,
    };
  } finally {
    await queue.close();
    await redis.quit();
  }
}

/** The PDFs bench:batch made, if any: the newest folder of `n`-or-more, its first `n` files. */
function pdfFolder(n: number): { dir: string; files: string[] } | undefined {
  const folders = readdirSync(tmpdir())
    .filter((d) => d.startsWith("delib-bench-pdf-") && existsSync(join(tmpdir(), d, ".complete")))
    .map((d) => join(tmpdir(), d));
  for (const dir of folders) {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".pdf"))
      .sort();
    if (files.length >= n) return { dir, files: files.slice(0, n) };
  }
  return undefined;
}

function machine(): string {
  let commit = "unknown";
  try {
    commit = execSync("git rev-parse --short HEAD", { cwd: packageRoot, encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  return `${new Date().toISOString().slice(0, 10)}, commit ${commit}, Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), load average before the run ${load}`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { text: { type: "string", default: "500" }, "throughput-text": { type: "string", default: "5000" }, pdfs: { type: "string", default: "300" }, write: { type: "boolean" } } });
  const text = Number(values.text);
  const throughputText = Number(values["throughput-text"]);
  const pdfs = Number(values.pdfs);
  const report = ["# Distributed batches (`npm run bench:distributed`)", "", machine(), ""];
  report.push(
    "A redis-server started for the run on a loopback port; `delib enqueue`, then worker processes (`delib worker --concurrency 1 --exit-when-done`), each reading one document at a time in one reading process; results on the local disk.",
    "",
  );
  const server = await startRedisServer();
  const root = mkdtempSync(join(tmpdir(), "delib-bench-dist-"));
  let pass = true;
  try {
    const many = await textCorpus(throughputText);
    const one = await throughput(server, many.dir, "text-1", 1, root);
    const two = await throughput(server, many.dir, "text-2", 2, root);
    report.push(...throughputPart(`${throughputText} generated text documents`, one, two));
    const pdf = pdfs > 0 ? pdfFolder(pdfs) : undefined;
    if (pdfs > 0 && pdf === undefined) report.push(`## PDFs`, "", "No generated PDFs in the temp folder (`npm run bench:batch` makes them): skipped.", "");
    if (pdf !== undefined) {
      const input = join(root, "pdfs");
      mkdirSync(input);
      for (const f of pdf.files) symlinkSync(join(pdf.dir, f), join(input, f));
      const onePdf = await throughput(server, input, "pdf-1", 1, root);
      const twoPdf = await throughput(server, input, "pdf-2", 2, root);
      report.push(...throughputPart(`${pdfs} generated PDFs of 5–40 pages (bench:batch's first ${pdfs})`, onePdf, twoPdf));
    }
    const corpus = await textCorpus(text);
    const kill = await killRun(server, corpus.dir, root);
    pass = kill.differing.length === 0 && kill.repeated === 0 && kill.completed === kill.jobs && kill.failed === 0 && kill.documents === text;
    report.push(
      `## ${text} documents, 2 workers, one SIGKILLed and restarted`,
      "",
      `Workers with \`--lock ${KILL_RUN_LOCK_S}\`; the first killed once ${kill.doneAtKill} of ${kill.jobs} results were written, then started again; ${fmt(kill.seconds)} s from the first start to the last exit.`,
      "",
      `- jobs completed: ${kill.completed} of ${kill.jobs}, failed: ${kill.failed}; jobs started twice (taken from the killed worker by the stalled-job check): ${kill.startedTwice}`,
      `- collect: ${kill.documents} documents, listed twice: ${kill.repeated}; files differing from a plain \`delib extract\` of the same folder: ${kill.differing.length === 0 ? "none" : kill.differing.join(", ")} (${pass ? "pass" : "**fail**"})`,
      "",
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
    await server.stop();
  }
  const markdown = report.join("\n");
  process.stdout.write(markdown);
  if (values.write === true) {
    mkdirSync(join(packageRoot, "bench"), { recursive: true });
    writeFileSync(join(packageRoot, "bench", "DISTRIBUTED.md"), markdown);
  }
  return pass ? 0 : 1;
}

runMain(import.meta.url, "bench-distributed", main);
