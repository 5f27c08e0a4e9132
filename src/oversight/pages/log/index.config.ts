export default definePageConfig({ navigationBarTitleText: '村监委台账' });
