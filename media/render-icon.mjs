#!/usr/bin/env node
// Renders media/icon.svg to the 128×128 media/icon.png the marketplace needs, with the headless
// Chromium of the test harness (bash test/vscode-host/setup.sh). Run after editing icon.svg.
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath, loadPlaywright } from '../test/vscode-host/code-server.mjs';

const here = import.meta.dirname;
const { chromium } = loadPlaywright();
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--headless', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${fs.readFileSync(path.join(here, 'icon.svg'), 'utf8')}</body></html>`);
  await page.screenshot({ path: path.join(here, 'icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
} finally {
  await browser.close();
}
