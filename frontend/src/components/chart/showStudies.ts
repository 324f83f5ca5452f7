import type { IChartApi } from "lightweight-charts";
import type { IndicatorEvent, IndicatorFeed } from "./indicatorFeed";
import { StudyLayer } from "./studyLayer";

/**
 * Draws the indicator feed's studies on the chart from now on: what it holds already, then every
 * event. The points each study's series holds go on `container` (`data-study-points`) for the
 * browser smoke tests. Returns the function that stops following the feed.
 */
export function showStudies(
  chart: IChartApi,
  indicators: IndicatorFeed,
  container: HTMLElement,
): () => void {
  const studies = new StudyLayer(chart);
  const onEvent = (event: IndicatorEvent): void => {
    switch (event.kind) {
      case "studies":
        studies.setStudies(event.studies);
        break;
      case "reset":
        studies.setPoints(event.id, event.points);
        break;
      case "update":
        studies.update(event.id, event.point);
        break;
      case "error":
        return;
    }
    container.dataset.studyPoints = JSON.stringify(studies.counts());
  };
  const stop = indicators.on(onEvent);
  onEvent({ kind: "studies", studies: indicators.studies });
  for (const study of indicators.studies)
    onEvent({
      kind: "reset",
      id: study.id,
      points: indicators.points(study.id),
    });
  return stop;
}
