/** Vital signs a patient reports in free text: blood pressure, temperature, blood sugar. */
export type Vitals = {
  systolic: number | null;
  diastolic: number | null;
  /** Degrees Fahrenheit (a Celsius reading is converted). */
  temperature: number | null;
  /** Blood glucose in mg/dL (a mmol/L reading is converted). */
  glucose: number | null;
};

const BP_CONTEXT = /\b(?:blood\s*pressure|bp|pressure|reading)\b/i;
const BP = /(?<![\d/.])(\d{2,3})\s?(?:\/|over)\s?(\d{2,3})(?![\d/])/gi;
/** "fever of 103", "temperature is 39.8", "102.5 degrees", "39C". */
const TEMPS = [
  /\b(?:fever|temp|temperature|thermometer)\b[^\d.?!|]{0,20}?(\d{2,3}(?:\.\d)?)(?![\d/])/gi,
  /(?<![\d/.])(\d{2,3}(?:\.\d)?)\s?(?:°|degrees?\b|[fc]\b)/gi,
];
const SUGAR =
  /\b(?:blood\s*sugar|sugar(?:\s*level)?|glucose|bg|bgl)\b(?:\s+(?:is|was|at|of|reading|level|reads|read|says|said|shows|showed|just|now|went|up|down|to|dropped|spiked|like|around|about|over|under|below|meter|monitor|cgm|sensor|machine|test)){0,4}\s+(\d{1,3}(?:\.\d)?)/gi;

const max = (a: number | null, b: number): number => (a === null || b > a ? b : a);

/**
 * Reads vital signs from a message: "my blood pressure is 190/120", "bp 85 over 50", "fever of 39.8",
 * "temp 104", "my sugar is 45". Readings outside plausible human ranges are ignored; the most extreme
 * reading of each kind wins (the highest pressure and temperature; for sugar, the one furthest from normal).
 */
export function parseVitals(text: string): Vitals {
  const out: Vitals = { systolic: null, diastolic: null, temperature: null, glucose: null };
  if (BP_CONTEXT.test(text)) {
    BP.lastIndex = 0;
    for (let m = BP.exec(text); m; m = BP.exec(text)) {
      const sys = Number(m[1]);
      const dia = Number(m[2]);
      if (sys < 60 || sys > 300 || dia < 30 || dia > 200 || dia >= sys) continue;
      out.systolic = max(out.systolic, sys);
      out.diastolic = max(out.diastolic, dia);
    }
  }
  for (const re of TEMPS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const v = Number(m[1]);
      const f = v >= 34 && v <= 44 ? v * 1.8 + 32 : v >= 94 && v <= 112 ? v : null;
      if (f !== null) out.temperature = max(out.temperature, Math.round(f * 10) / 10);
    }
  }
  SUGAR.lastIndex = 0;
  for (let m = SUGAR.exec(text); m; m = SUGAR.exec(text)) {
    const v = Number(m[1]);
    const mgdl = v > 0 && v < 35 ? Math.round(v * 18) : v >= 20 && v <= 900 ? v : null;
    if (mgdl === null) continue;
    const prev = out.glucose;
    const distance = (x: number) => (x < 100 ? (100 - x) * 4 : x - 100);
    out.glucose = prev === null || distance(mgdl) > distance(prev) ? mgdl : prev;
  }
  return out;
}
