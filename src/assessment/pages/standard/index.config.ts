export default definePageConfig({ navigationBarTitleText: '测评标准与定级办法' });
