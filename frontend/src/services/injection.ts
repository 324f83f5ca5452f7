import { inject, type InjectionKey } from "vue";
import type { Backend, TerminalServices } from "../terminal";

export const BACKEND: InjectionKey<Backend> = Symbol("tradewire.backend");
export const TERMINAL: InjectionKey<TerminalServices> =
  Symbol("tradewire.terminal");

function required<T>(key: InjectionKey<T>, what: string): T {
  const value = inject(key);
  if (value === undefined) throw new Error(`${what} was not provided`);
  return value;
}

/** The backend (auth and session factory), provided by main.ts. */
export function useBackend(): Backend {
  return required(BACKEND, "the backend");
}

/** The signed-in session's services, provided by the terminal view. */
export function useTerminal(): TerminalServices {
  return required(TERMINAL, "the terminal services");
}
