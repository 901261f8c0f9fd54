import { Review } from '../../review/review-schema';
import { recordedIncidents, recordedReview } from '../helpers/recorded-reviews';
import { schemaIssues } from '../helpers/schema-issues';

describe('the review of every recorded incident', () => {
  test.each(recordedIncidents())(
    '%s/%s replays consistently into a review the schema accepts',
    async (generation, name) => {
      const review = await recordedReview(generation, name);
      expect(review.replay).toMatchObject({ consistent: true });
      expect(schemaIssues(Review, review)).toEqual([]);
      expect(
        review.findings!.timeline.human.length + review.findings!.timeline.system.length,
      ).toBeGreaterThan(0);
    },
  );
});
