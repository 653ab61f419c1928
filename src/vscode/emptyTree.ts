import * as vscode from 'vscode';

/**
 * A tree with nothing to show: VS Code then renders the view's `viewsWelcome` text (package.json)
 * instead of an error about a missing data provider.
 */
export class EmptyTree implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
}
