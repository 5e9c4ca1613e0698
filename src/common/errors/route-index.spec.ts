import { RouteIndex } from './route-index.js';

describe('RouteIndex', () => {
  const routes = new RouteIndex();
  routes.add('/admin/v1/tenants', ['GET', 'HEAD']);
  routes.add('/admin/v1/tenants', 'POST');
  routes.add('/admin/v1/tenants/:id', ['GET', 'PATCH']);

  it('lists the methods of the route a path matches', () => {
    expect(routes.allowedMethods('/admin/v1/tenants')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.allowedMethods('/admin/v1/tenants/ten_1')).toEqual(['GET', 'PATCH']);
    expect(routes.allowedMethods('/admin/v1/tenants/')).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('matches nothing for unknown paths or extra segments', () => {
    expect(routes.allowedMethods('/admin/v1/tenants/a/b')).toEqual([]);
    expect(routes.allowedMethods('/admin/v1/tenantsX')).toEqual([]);
  });
});
