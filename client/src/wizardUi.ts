// Renders the create wizard (wizard.ts) as a multi-step QuickInput: step counter, back button,
// validation as you type, password input for the AUTH token.
import * as vscode from 'vscode';
import { describeFailure } from './errors';
import { type CreateClusterWizard, type PickItem, RETRY_VALUE, type Step } from './wizard';
import { showWarning } from './notify';

/** Back, with the text typed in an input step (kept for when the step comes back). */
interface Back {
  back: true;
  draft?: string;
}
const BACK: Back = { back: true };
type Answer = string | Back | undefined;

interface ValueItem extends vscode.QuickPickItem {
  value: string;
}

/** Runs the wizard to its end; false when the user cancelled. */
export async function runWizardUi(wizard: CreateClusterWizard): Promise<boolean> {
  while (!wizard.done) {
    const step = wizard.current();
    if (!step) break;
    const answer = step.kind === 'pick' ? await pick(wizard, step) : await input(wizard, step);
    if (answer === undefined) return false;
    if (typeof answer === 'object') {
      wizard.back(answer.draft);
      continue;
    }
    const error = await wizard.accept(answer);
    if (error) void showWarning(error);
  }
  return true;
}

function decorate(q: vscode.QuickPick<ValueItem> | vscode.InputBox, wizard: CreateClusterWizard, step: Step): void {
  q.title = `Create Cache Cluster: ${step.title}`;
  // The step number alone, at every step (see position()).
  q.step = wizard.position().step;
  q.totalSteps = undefined;
  q.ignoreFocusOut = true;
  q.buttons = wizard.canGoBack ? [vscode.QuickInputButtons.Back] : [];
}

function pick(wizard: CreateClusterWizard, step: Step): Promise<Answer> {
  return new Promise<Answer>((resolve) => {
    const q = vscode.window.createQuickPick<ValueItem>();
    decorate(q, wizard, step);
    q.placeholder = step.placeholder;
    q.matchOnDescription = true;
    q.busy = true;
    let settled = false;
    const finish = (a: Answer): void => {
      if (settled) return;
      settled = true;
      resolve(a);
      q.dispose();
    };
    const load = (): void => {
      q.busy = true;
      wizard.items().then(
        (items: PickItem[]) => {
          const rows: ValueItem[] = items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, value: i.value }));
          // The review: the actions, then the settings (choosing one goes back to its step).
          const firstSetting = step.id === 'review' ? rows.findIndex((r) => r.value.startsWith('edit:')) : -1;
          if (firstSetting > 0) rows.splice(firstSetting, 0, { label: 'Settings (choose one to change it)', kind: vscode.QuickPickItemKind.Separator, value: '' });
          // Items that are not the account's own (e.g. no credentials): say so above them. (A separator would share the
          // first row and cut its label off.)
          q.placeholder = wizard.note() ?? step.placeholder;
          q.items = rows;
          const current = wizard.currentValue();
          const selected = q.items.find((i) => i.value === current);
          if (selected) q.activeItems = [selected];
          q.busy = false;
        },
        (err: unknown) => {
          q.items = [{ label: '$(refresh) Retry', description: describeFailure(err).message, value: RETRY_VALUE }];
          q.busy = false;
        },
      );
    };
    q.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
    q.onDidAccept(() => {
      const chosen = q.selectedItems[0] ?? q.activeItems[0];
      if (!chosen) return;
      if (chosen.value === RETRY_VALUE) return load();
      finish(chosen.value);
    });
    q.onDidHide(() => finish(undefined));
    q.show();
    load();
  });
}

function input(wizard: CreateClusterWizard, step: Step): Promise<Answer> {
  return new Promise<Answer>((resolve) => {
    const box = vscode.window.createInputBox();
    decorate(box, wizard, step);
    box.prompt = step.placeholder;
    box.placeholder = step.placeholder;
    box.password = step.password === true;
    box.value = step.password ? '' : (wizard.currentValue() ?? '');
    box.validationMessage = box.value ? wizard.validate(box.value) : undefined;
    let settled = false;
    const finish = (a: Answer): void => {
      if (settled) return;
      settled = true;
      resolve(a);
      box.dispose();
    };
    box.onDidChangeValue((v) => (box.validationMessage = wizard.validate(v)));
    box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish({ back: true, draft: step.password ? undefined : box.value }));
    box.onDidAccept(() => {
      // check(): validation, then what the service knows (e.g. a cluster id already taken on the connection).
      const value = box.value;
      box.busy = true;
      void wizard.check(value).then((message) => {
        box.busy = false;
        if (settled || box.value !== value) return;
        box.validationMessage = message;
        if (!message) finish(value);
      });
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
