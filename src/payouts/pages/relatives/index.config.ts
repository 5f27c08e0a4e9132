export default definePageConfig({ navigationBarTitleText: '近亲属申报' });
