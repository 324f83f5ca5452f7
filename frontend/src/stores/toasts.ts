import { defineStore } from "pinia";
import { ref } from "vue";

export interface Toast {
  readonly id: number;
  readonly title: string;
  readonly body: string;
}

/** Toasts shown at once; an older one makes room for a new one. */
export const MAX_TOASTS = 5;
/** How long a toast stays unless dismissed. */
export const TOAST_MS = 10_000;

/** Short-lived messages in the corner of the terminal (a fired alert). */
export const useToastsStore = defineStore("toasts", () => {
  const list = ref<Toast[]>([]);
  let next = 0;

  function dismiss(id: number): void {
    list.value = list.value.filter((t) => t.id !== id);
  }

  function push(title: string, body: string, ttlMs = TOAST_MS): Toast {
    next += 1;
    const toast: Toast = { id: next, title, body };
    list.value = [...list.value, toast].slice(-MAX_TOASTS);
    if (ttlMs > 0) setTimeout(() => dismiss(toast.id), ttlMs);
    return toast;
  }

  function reset(): void {
    list.value = [];
  }

  return { list, push, dismiss, reset };
});
