// @ts-check
// The dashboard's scoring worker: the self-assessment's Engine (one client, one protocol), with
// what batch work adds: a promise of how the boot ended, and calls that reject when the engine
// answers {ok: false} so a failed batch stops the run.

import { Engine } from "../assessment/engine.js";

export class Client extends Engine {
  constructor() {
    super();
    /** Resolves true once the engine is ready, false if it failed. @type {Promise<boolean>} */
    this.booted = Promise.resolve(false);
  }

  /** Start (or restart) the worker. */
  start() {
    this.booted = new Promise((resolve) => {
      const settle = (/** @type {boolean} */ ok) => {
        this.removeEventListener("ready", onReady);
        this.removeEventListener("failed", onFailed);
        resolve(ok);
      };
      const onReady = () => settle(true);
      const onFailed = () => settle(false);
      this.addEventListener("ready", onReady);
      this.addEventListener("failed", onFailed);
    });
    super.start();
  }

  /**
   * @param {string} op
   * @param {unknown[]} args
   * @param {Transferable[]} transfer
   * @returns {Promise<any>}
   */
  async send(op, args, transfer) {
    const value = await super.send(op, args, transfer);
    if (value && value.ok === false) throw new Error(String((value.errors && value.errors[0] && value.errors[0].en) || "engine error"));
    return value;
  }
}
