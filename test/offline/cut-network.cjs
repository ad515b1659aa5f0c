// Preloaded (node --require) into a child process and every worker thread it starts: any attempt to
// reach the network throws and is written to stderr as "NETWORK ATTEMPT: …", so a test can assert none.
"use strict";
const net = require("node:net");
const dns = require("node:dns");
const tls = require("node:tls");

function refuse(what) {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  throw new Error(`Expected no network access, got an attempt to ${what}`);
}

net.Socket.prototype.connect = function connect() {
  refuse("open a socket");
};
tls.connect = () => refuse("open a TLS connection");
dns.lookup = (host) => refuse(`look up ${host}`);
dns.promises.lookup = async (host) => refuse(`look up ${host}`);
globalThis.fetch = async (url) => refuse(`fetch ${String(url)}`);
