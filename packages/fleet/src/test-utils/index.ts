export { freePort, REDIS_SERVER, startRedis, type TestRedis } from './start-redis';
