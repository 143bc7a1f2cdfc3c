import type { Services } from "../services";

/** Show Log: the "Show Log" button of every error message ends here. */
export function showLog(services: Services): void {
  services.log.show(true);
}
