// The extension's messages to the user: notifications (toasts) and modal questions alike start with "ElastiCache: ",
// so that they say whose they are: VS Code names a toast's source only on hover, and a modal dialog not at all; and
// none shows a secret that its text quotes (notificationText, errors.ts).
import * as vscode from 'vscode';
import { detailText, notificationText } from './errors';

/** The prefix, no secrets and no invisible characters raw (notificationText): every message shown goes through here. */
const own = notificationText;

export function showInfo<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showInformationMessage(own(message), ...items);
}

export function showWarning<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(own(message), ...items);
}

export function showError<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showErrorMessage(own(message), ...items);
}

/** A modal question with a warning icon (a bill, data lost): the button chosen, or undefined when dismissed. */
export function askWarning<T extends string>(message: string, detail: string, ...buttons: T[]): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(own(message), { modal: true, detail: detailText(detail) }, ...buttons);
}

/** A modal question with an error icon (what was asked cannot happen as it is): the button chosen, or undefined. */
export function askError<T extends string>(message: string, detail: string, ...buttons: T[]): Thenable<T | undefined> {
  return vscode.window.showErrorMessage(own(message), { modal: true, detail: detailText(detail) }, ...buttons);
}
