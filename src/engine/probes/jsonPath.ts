/** One step of a path: an object key or an array index (negative counts from the end). */
export type PathStep = string | number;

/** Parses `cameras[0].status.connected`, `[1].name`, `items[-1]` into steps; throws on a malformed path. */
export function parseJsonPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  const re = /([^.[\]]+)|\[(-?\d+)\]|(\.)/gy;
  let expectKey = true;
  let m: RegExpExecArray | null;
  while (re.lastIndex < path.length && (m = re.exec(path)) !== null) {
    if (m[1] !== undefined) {
      if (!expectKey) throw new Error(`bad JSON path ${JSON.stringify(path)}: missing "." before ${m[1]}`);
      steps.push(m[1]);
      expectKey = false;
    } else if (m[2] !== undefined) {
      steps.push(Number(m[2]));
      expectKey = false;
    } else {
      if (expectKey) throw new Error(`bad JSON path ${JSON.stringify(path)}: empty segment`);
      expectKey = true;
    }
  }
  if (re.lastIndex < path.length || steps.length === 0 || expectKey) {
    throw new Error(`bad JSON path ${JSON.stringify(path)}: use dotted keys and [index], e.g. cameras[0].status.connected`);
  }
  return steps;
}

/** The value at `path`, or found: false when any step is missing. */
export function getJsonPath(root: unknown, path: string): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const step of parseJsonPath(path)) {
    if (typeof step === "number") {
      if (!Array.isArray(current)) return { found: false, value: undefined };
      const index = step < 0 ? current.length + step : step;
      if (index < 0 || index >= current.length) return { found: false, value: undefined };
      current = current[index];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, step)) {
        return { found: false, value: undefined };
      }
      current = (current as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: current };
}
