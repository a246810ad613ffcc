// The extension's notifications (toasts): each starts with "ElastiCache: ", so that it says whose it is among other
// extensions' toasts (VS Code names the source only on hover). Modal questions are not notifications: they name
// what they act on and go to vscode.window directly.
import * as vscode from 'vscode';

const PREFIX = 'ElastiCache: ';

function own(message: string): string {
  return message.startsWith(PREFIX) ? message : `${PREFIX}${message}`;
}

export function showInfo<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showInformationMessage(own(message), ...items);
}

export function showWarning<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(own(message), ...items);
}

export function showError<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showErrorMessage(own(message), ...items);
}
