// What a user reads must be something a user can open: the rule docs, the docs/ pages and the
// README never cite the project's private knowledge base or a path on the machine the project is
// developed on, and their relative links lead to files (and headings) that exist in the repository.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { engineRuleDescriptors } from '../../../src/core/report/engine-rules.js';
import { githubAnchor } from '../../../src/core/report/rule-docs.js';
import { allRules } from '../../../src/core/rules/index.js';

const repo = resolve(__dirname, '..', '..', '..');

/**
 * Private references: the knowledge base's file name, its folder, and absolute paths of the
 * development machine (`/work/...`, `../shared/...`). `$HOME/work/x` or `~/work` are ordinary
 * example paths, so only a `/work/` that starts a path counts.
 */
const PRIVATE = /go-macos-facts|shared\/reference|\.\.\/shared\/|(?<![\w~.$}/-])\/work\//;

function privateReferences(text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => PRIVATE.test(line))
    .map(({ line, n }) => `${n}: ${line.trim()}`);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** Every Markdown file a user of the repository reads. */
const publicDocs = [
  ...markdownFiles(join(repo, 'docs')),
  join(repo, 'README.md'),
  join(repo, 'CHANGELOG.md'),
  join(repo, 'test', 'testdata', 'snapshots', 'README.md'),
];

/** String and template-literal texts of a TypeScript file (comments are not shown to users). */
function stringLiterals(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('user-facing text cites nothing a user cannot open', () => {
  it('the pattern catches what it is meant to catch', () => {
    for (const bad of ['go-macos-facts.md §1.4', 'see /work/shared/reference/data/crossbuild.txt', '../shared/reference/x', '(/work/main/README.md)']) {
      assert.ok(PRIVATE.test(bad), bad);
    }
    for (const fine of ['$HOME/work/relative/bin', '~/work/project', 'https://go.dev/doc/toolchain', 'docs/knowledge/ports.md', 'a shared directory']) {
      assert.ok(!PRIVATE.test(fine), fine);
    }
  });

  for (const file of publicDocs) {
    it(relative(repo, file), () => {
      assert.deepEqual(privateReferences(readFileSync(file, 'utf8')), [], `${relative(repo, file)} cites a private file or path`);
    });
  }

  it('rule summaries and docs', () => {
    for (const rule of [...allRules, ...engineRuleDescriptors]) {
      assert.deepEqual(privateReferences(rule.summary), [], `${rule.id}: summary`);
      assert.deepEqual(privateReferences(rule.docs), [], `${rule.id}: docs`);
    }
  });

  it('strings in src/ (finding messages, fix texts, UI text); comments may cite the knowledge base', () => {
    const offenders = typeScriptFiles(join(repo, 'src')).flatMap((file) =>
      stringLiterals(file)
        .filter(({ text }) => PRIVATE.test(text))
        .map(({ line, text }) => `${relative(repo, file)}:${line}: ${text.slice(0, 80)}`),
    );
    assert.deepEqual(offenders, []);
  });
});

/** `[text](target)` links in Markdown, outside code spans and fenced blocks. */
function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

function headingAnchors(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => githubAnchor(m[1]!)));
}

describe('relative links in the docs lead somewhere', () => {
  for (const file of publicDocs) {
    it(relative(repo, file), () => {
      const text = readFileSync(file, 'utf8');
      const broken: string[] = [];
      for (const link of relativeLinks(text)) {
        const [path = '', anchor] = link.split('#', 2);
        const target = path === '' ? file : resolve(dirname(file), path);
        if (!existsSync(target)) {
          broken.push(`${link}: no such file`);
          continue;
        }
        if (anchor !== undefined && target.endsWith('.md') && !headingAnchors(readFileSync(target, 'utf8')).has(anchor)) {
          broken.push(`${link}: no such heading`);
        }
      }
      assert.deepEqual(broken, []);
    });
  }
});
