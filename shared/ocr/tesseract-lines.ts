/* The lines of a tesseract page: words in reading order, edge marks dropped, boxes in the page's proportions. */
import type Tesseract from 'tesseract.js';
import type { Box, OcrLine } from './types';

/**
 * A word at either end of a line that is only the edge of the paper, the table or a smudge read
 * as a mark: no letter or digit ("|", ";", "…") apart from the rest, or one or two characters
 * read with little confidence far from the rest. "CB   24,10" keeps its CB (read with
 * confidence), "1 rue" its 1.
 */
function isEdgeMark(word: Tesseract.Word, neighbour: Tesseract.Word | undefined, lineHeight: number): boolean {
  const text = word.text.trim();
  if (!neighbour) return false;
  const gap = word.bbox.x0 > neighbour.bbox.x1 ? word.bbox.x0 - neighbour.bbox.x1 : neighbour.bbox.x0 - word.bbox.x1;
  if (!/[\p{L}\p{N}]/u.test(text)) return gap > lineHeight || word.confidence < 50;
  return text.length <= 2 && word.confidence < 50 && gap > 1.5 * lineHeight;
}

export function linesOf(page: Tesseract.Page, width: number, height: number): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const words = [...(line.words ?? [])].filter((w) => w.text.trim());
        const lineHeight = line.bbox.y1 - line.bbox.y0;
        while (words.length > 1 && isEdgeMark(words[0]!, words[1], lineHeight)) words.shift();
        while (words.length > 1 && isEdgeMark(words[words.length - 1]!, words[words.length - 2], lineHeight)) words.pop();
        let text = line.text.replace(/\s+$/u, '').replace(/^\s+/u, '');
        let { x0, y0, x1, y1 } = line.bbox;
        // The line's box now and then stretches over a line above that was not read with it:
        // its words' boxes say where its text is.
        if (words.length) {
          const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
          const top = mid(words.map((w) => w.bbox.y0));
          const bottom = mid(words.map((w) => w.bbox.y1));
          if (bottom > top && (top - y0 > 0.5 * (bottom - top) || y1 - bottom > 0.5 * (bottom - top))) {
            y0 = top;
            y1 = bottom;
          }
        }
        if (words.length && words.length < (line.words ?? []).filter((w) => w.text.trim()).length) {
          // The line's text from its first kept word to its last, spacing as tesseract wrote it.
          let cursor = 0;
          const spans = (line.words ?? []).filter((w) => w.text.trim()).map((w) => {
            const at = text.indexOf(w.text, cursor);
            if (at >= 0) cursor = at + w.text.length;
            return { w, at };
          });
          const first = spans.find((sp) => sp.w === words[0]);
          const last = spans.find((sp) => sp.w === words[words.length - 1]);
          text =
            first && last && first.at >= 0 && last.at >= first.at
              ? text.slice(first.at, last.at + last.w.text.length)
              : words.map((w) => w.text).join(' ');
          x0 = Math.min(...words.map((w) => w.bbox.x0));
          x1 = Math.max(...words.map((w) => w.bbox.x1));
        }
        if (!text) continue;
        const box: Box = {
          left: clamp01(x0 / width),
          top: clamp01(y0 / height),
          width: clamp01((x1 - x0) / width),
          height: clamp01((y1 - y0) / height),
        };
        const confidence = words.length ? words.reduce((s, w) => s + w.confidence * w.text.length, 0) / Math.max(1, words.reduce((s, w) => s + w.text.length, 0)) : line.confidence;
        lines.push({
          text,
          confidence: clamp01(confidence / 100),
          box,
          ...(words.length ? { words: words.map((w) => ({ text: w.text, confidence: clamp01(w.confidence / 100) })) } : {}),
        });
      }
    }
  }
  return lines;
}

/** Letters and digits only, upper-cased: to tell whether a line was read already. */
export const alnum = (s: string) => s.normalize('NFD').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : 0);
