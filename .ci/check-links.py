#!/usr/bin/env python3
"""Checks every relative Markdown link of README.md and docs/*.md: the file exists and, for
#anchors into Markdown files, a heading with that GitHub slug exists."""
import re, sys, pathlib
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
def slug(h):
    h = h.strip().lower()
    h = re.sub(r'[^\w\- ]', '', h)
    return h.replace(' ', '-')
def anchors(p):
    text = p.read_text()
    text = re.sub(r'```.*?```', '', text, flags=re.S)
    return {slug(m.group(1)) for m in re.finditer(r'^#+\s+(.*)$', text, re.M)}
bad = 0; n = 0
for md in [root / 'README.md', *sorted((root / 'docs').glob('*.md')), *sorted((root/'docker').glob('*.md'))]:
    text = re.sub(r'```.*?```', '', md.read_text(), flags=re.S)
    for m in re.finditer(r'\]\(([^)\s]+)\)', text):
        target = m.group(1)
        if re.match(r'[a-z]+:', target):
            continue
        n += 1
        path, _, frag = target.partition('#')
        dest = (md.parent / path).resolve() if path else md
        if not dest.exists():
            print(f'{md.relative_to(root)}: missing {target}'); bad += 1; continue
        if frag and dest.suffix == '.md' and frag not in anchors(dest):
            print(f'{md.relative_to(root)}: no anchor #{frag} in {dest.name}'); bad += 1
print(f'{n} relative links checked, {bad} broken')
sys.exit(1 if bad else 0)
