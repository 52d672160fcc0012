#!/usr/bin/env node
// The `tessera` command: runs the compiled CLI (npm install builds it; so does npm start).
import '../dist/cli.js';
