import { defineStore } from "pinia";
import { shallowRef } from "vue";

export interface ConfirmRequest {
  readonly title: string;
  /** Lines of what will happen, formatted for the user (side, quantity, symbol, price, value). */
  readonly lines: readonly string[];
  readonly confirmLabel: string;
  /** A sell, a close or a cancel: the confirm button is drawn as a warning. */
  readonly danger?: boolean;
}

interface Pending extends ConfirmRequest {
  readonly answer: (confirmed: boolean) => void;
}

/**
 * One confirmation at a time (a large order, closing a position, a dragged order line): `ask`
 * resolves true only when the user confirms; a newer request cancels an older one.
 */
export const useConfirmStore = defineStore("confirm", () => {
  const pending = shallowRef<Pending | null>(null);

  function ask(request: ConfirmRequest): Promise<boolean> {
    pending.value?.answer(false);
    return new Promise((resolve) => {
      pending.value = {
        ...request,
        answer: (confirmed) => {
          pending.value = null;
          resolve(confirmed);
        },
      };
    });
  }

  function answer(confirmed: boolean): void {
    pending.value?.answer(confirmed);
  }

  return { pending, ask, answer };
});
