using Functions;
using Functions.Framework;

// Everything is built once, in Lambda's init phase; a bad setting is reported as an init error.
return await FunctionHost.RunAsync(FunctionHandlers.Registry);
