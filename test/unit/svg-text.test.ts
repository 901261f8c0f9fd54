import { textWidth, wrapText } from '../../api/pages/svg-text';

// Lines for text in a server-drawn picture, cut by estimated width: Chinese between characters (never
// before closing punctuation), English between words, the overflow ending in an ellipsis.

describe('wrapping text for a picture', () => {
  test('Chinese breaks between characters, each line within the width, nothing lost', () => {
    const text = '通知联席会议成员、重点舆情信息员和网络评论员';
    const lines = wrapText(text, 10 * 14, 14, 4);
    expect(lines.join('')).toBe(text);
    for (const line of lines) expect(textWidth(line, 14)).toBeLessThanOrEqual(10 * 14);
    expect(lines.length).toBe(3);
  });

  test('closing punctuation stays at the end of a line, never at the start of the next', () => {
    // Nine characters fill the line; the comma after them would begin line two, so the ninth goes with it.
    const lines = wrapText('一二三四五六七八九，十', 9.2 * 14, 14, 4);
    expect(lines).toEqual(['一二三四五六七八', '九，十']);
    expect(lines.join('')).toBe('一二三四五六七八九，十');
  });

  test('English breaks between words', () => {
    const lines = wrapText('Call the joint meeting members, key informants and commentators', 160, 14, 4);
    expect(lines.join(' ')).toBe('Call the joint meeting members, key informants and commentators');
    for (const line of lines) expect(line).not.toMatch(/^\s|\s$/);
  });

  test('what does not fit in the lines allowed ends the last one with an ellipsis, words still apart', () => {
    const lines = wrapText(
      'County party committee cybersecurity and informatization leading group of the county',
      180,
      13,
      2,
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
    expect(lines[1]).not.toMatch(/[a-z][A-Z]|leadinggroup/);
    expect(textWidth(lines[1]!, 13)).toBeLessThanOrEqual(180);
  });
});
