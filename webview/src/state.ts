import { DEFAULT_PAGE_STATE, PageStateSchema, type PageState } from "../../src/shared/webviewProtocol";
import type { VsCodeApi } from "./vscodeApi";

/**
 * The page's view settings, kept with vscode.setState so they survive the panel being
 * hidden and VS Code reloading (the serializer hands the same object back to the host).
 * Whatever comes back is parsed: a state from an older page version falls back to defaults.
 */
export class PageStore {
  private state: PageState;

  constructor(private readonly api: VsCodeApi) {
    const parsed = PageStateSchema.safeParse(api.getState());
    this.state = parsed.success ? parsed.data : { ...DEFAULT_PAGE_STATE };
  }

  get(): PageState {
    return this.state;
  }

  update(patch: Partial<Omit<PageState, "version">>): void {
    this.state = { ...this.state, ...patch };
    this.api.setState(this.state);
  }
}
