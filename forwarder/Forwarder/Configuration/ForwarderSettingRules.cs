using Microsoft.Extensions.Options;

namespace Forwarder.Configuration;

/// <summary>The single-setting rules declared as attributes on <see cref="ForwarderOptions"/>; the code is generated.</summary>
[OptionsValidator]
internal sealed partial class ForwarderSettingRules : IValidateOptions<ForwarderOptions>
{
}
