// Every time a person reads is Beijing time, written the way people there write it (`11月24日 09:30`,
// the year only when it is not the current one), and every duration the way they say it
// (`1 小时 5 分`). Pure: the workflow's notices and the message templates use the same functions.

export interface Words {
  zh: string;
  en: string;
}

const CHINA_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has kept UTC+8 without daylight saving since 1991
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');

/** A moment as Beijing wall time; `now` decides whether the year needs saying. */
export function beijingTime(at: number, now: number): Words {
  const d = new Date(at + CHINA_OFFSET_MS);
  const year = d.getUTCFullYear();
  const sameYear = year === new Date(now + CHINA_OFFSET_MS).getUTCFullYear();
  const clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  return {
    zh: `${sameYear ? '' : `${year}年`}${month + 1}月${day}日 ${clock}`,
    en: `${day} ${MONTHS[month]}${sameYear ? '' : ` ${year}`} ${clock} (Beijing time)`,
  };
}

/** A span of time in whole minutes, largest units first: `1 天 2 小时`, `1 小时 5 分`, `25 分钟`. */
export function duration(ms: number): Words {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const mins = minutes % 60;
  if (days === 0 && hours === 0) return { zh: `${mins} 分钟`, en: `${mins} min` };
  const zh = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', mins ? `${mins} 分` : ''];
  const en = [days ? `${days} d` : '', hours ? `${hours} h` : '', mins ? `${mins} min` : ''];
  return { zh: zh.filter(Boolean).join(' '), en: en.filter(Boolean).join(' ') };
}
