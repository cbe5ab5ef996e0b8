#!/usr/bin/env node
// `npx baton` at the repository root runs this (npm links workspace bins); it is the same as bin/baton.js.
await import('../bin/baton.js');
