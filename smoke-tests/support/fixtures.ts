import { test as base, expect } from "@playwright/test";

/** Every scenario leaves a screenshot of its end state among the test artifacts. */
export const test = base.extend<{ endState: void }>({
  endState: [
    async ({ page }, use, testInfo) => {
      await use();
      if (!page.isClosed()) {
        const path = testInfo.outputPath("end-state.png");
        await page.screenshot({ path });
        await testInfo.attach("end state", { path, contentType: "image/png" });
      }
    },
    { auto: true },
  ],
});

export { expect };
