export default definePageConfig({ navigationBarTitleText: '各村三资情况' });
