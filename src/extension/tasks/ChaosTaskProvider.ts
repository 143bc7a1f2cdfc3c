import * as path from "node:path";
import * as vscode from "vscode";
import * as z from "zod";
import { TaskType } from "../commandIds";
import type { RunService } from "../run/RunService";
import type { ExperimentCatalog } from "../workspace/ExperimentCatalog";
import { RunPseudoterminal } from "./runPseudoterminal";

/** A task's definition as tasks.json gives it, parsed rather than trusted. */
export const ChaosTaskDefinitionSchema = z.object({
  type: z.literal(TaskType),
  experiment: z.string().min(1),
  inventory: z.string().optional(),
  dryRun: z.boolean().optional(),
});
export type ChaosTaskDefinition = z.infer<typeof ChaosTaskDefinitionSchema>;

/**
 * `surveillance-chaos` tasks: one detected task per experiment, and any written in
 * tasks.json; each runs the engine in a pseudo-terminal, with the same confirmation and
 * trust check as the Run command.
 */
export class ChaosTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly catalog: ExperimentCatalog,
    private readonly runs: RunService,
  ) {}

  async provideTasks(): Promise<vscode.Task[]> {
    await this.catalog.whenReady();
    return this.catalog.all.flatMap((e) => {
      const folder = vscode.workspace.getWorkspaceFolder(e.uri);
      if (!folder) return [];
      const experiment = path.relative(folder.uri.fsPath, e.uri.fsPath);
      return [this.taskFor({ type: TaskType, experiment }, folder, `Run ${e.id}`), this.taskFor({ type: TaskType, experiment, dryRun: true }, folder, `Dry run ${e.id}`)];
    });
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const parsed = ChaosTaskDefinitionSchema.safeParse(task.definition);
    if (!parsed.success) return undefined;
    const scope = task.scope !== undefined && typeof task.scope === "object" ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!scope) return undefined;
    return this.taskFor(parsed.data, scope, task.name, task.definition);
  }

  private taskFor(def: ChaosTaskDefinition, folder: vscode.WorkspaceFolder, name: string, original: vscode.TaskDefinition = def): vscode.Task {
    const uri = vscode.Uri.file(path.resolve(folder.uri.fsPath, def.experiment));
    const execution = new vscode.CustomExecution(async () =>
      new RunPseudoterminal((signal, listener) =>
        this.runs.execute(uri, {
          dryRun: def.dryRun ?? false,
          confirmed: false,
          signal,
          listener,
          ...(def.inventory ? { inventoryFile: path.resolve(folder.uri.fsPath, def.inventory) } : {}),
        }),
      ),
    );
    const task = new vscode.Task(original, folder, name, TaskType, execution, []);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
    return task;
  }
}
