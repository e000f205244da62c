export { freePort, REDIS_SERVER, startRedis, type TestRedis } from './start-redis';
export { findRedisServer } from './find-redis-server';
