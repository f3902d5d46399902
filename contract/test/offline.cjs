// Preloaded (NODE_OPTIONS=--require) into every tool the contract tests run: nothing may leave the machine.
// A connection or DNS lookup to anything but loopback is refused (ECONNREFUSED, at once: no tool waits on a
// timeout) and written to $AKINAI_CONTRACT_NETLOG, one line each, so the test can fail on a tool that tried.
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');

const log = process.env.AKINAI_CONTRACT_NETLOG;
const loopback = (host) => host === undefined || host === 'localhost' || host === '::1' || /^127\./.test(host);

function refused(what) {
  if (log) fs.appendFileSync(log, `${process.argv.slice(1, 3).join(' ')}: ${what}\n`);
  return Object.assign(new Error(`akinai contract tests are offline: ${what} refused`), { code: 'ECONNREFUSED' });
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options =
    typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (options.path !== undefined || loopback(options.host)) return connect.apply(this, args);
  const error = refused(`connect ${options.host}:${options.port}`);
  process.nextTick(() => this.destroy(error));
  return this;
};

const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  if (loopback(host)) return lookup.call(this, host, ...rest);
  const callback = rest[rest.length - 1];
  const error = refused(`dns ${host}`);
  process.nextTick(() => callback(error));
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = (host, ...rest) => (loopback(host) ? promisesLookup(host, ...rest) : Promise.reject(refused(`dns ${host}`)));
