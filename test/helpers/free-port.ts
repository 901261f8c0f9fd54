export { freeLoopbackPort as freePort } from '../../worker/free-loopback-port';
