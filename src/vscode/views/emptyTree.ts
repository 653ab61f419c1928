import * as vscode from 'vscode';

/**
 * A tree that has nothing to show yet: VS Code then renders the view's `viewsWelcome` text
 * (from package.json) instead of an error about a missing data provider.
 */
export class EmptyTree implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
}
