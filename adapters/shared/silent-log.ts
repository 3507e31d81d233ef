// The logger an adapter uses when it is given none (tests, scripts): it says nothing.
import type { PlatformLogger } from "../../src/chat/platform.js";

export const SILENT_LOG: PlatformLogger = { debug() {}, info() {}, warn() {}, error() {} };
