using Functions;
using Functions.Runtime.Runtime;

// Everything is built once, in Lambda's init phase; a bad setting is reported as an init error.
return await LambdaHost.RunAsync(environment => FunctionComposition.Create(environment));
