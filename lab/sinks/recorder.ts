import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Records kept in memory for queries and appended to a JSONL file for people and for
 * evidence. Earlier records in the file are loaded at start, so a restart loses nothing.
 */
export class JsonlRecorder<T extends { time: string }> {
  private readonly records: T[] = [];

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file)) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (line.trim() === "") continue;
        try {
          this.records.push(JSON.parse(line) as T);
        } catch {
          // A torn last line from a killed sink: skip it.
        }
      }
    }
  }

  add(record: T): void {
    this.records.push(record);
    appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }

  query(filter: (record: T) => boolean): T[] {
    return this.records.filter(filter);
  }
}
