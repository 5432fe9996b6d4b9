// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ToastProvider, useToast, type ToastKind } from '../../src/workspace/toasts';

let show: (text: string, kind?: ToastKind, topic?: string) => void = () => {};
function Grab() {
  show = useToast().show;
  return null;
}

afterEach(cleanup);

describe('toasts', () => {
  it('keep an error until a success of the same topic, and only those errors go', () => {
    render(
      <ToastProvider closeLabel="Dismiss">
        <Grab />
      </ToastProvider>,
    );
    act(() => show('Say why this figure is off pace', 'error', 'act:run-1'));
    act(() => show('The draft could not be saved', 'error'));
    act(() => show('Saved as info', 'info'));
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    act(() => show('Check-in recorded', 'success', 'act:run-1'));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      expect.stringContaining('The draft could not be saved'),
    ]);
    expect(screen.getByText('Check-in recorded')).toBeTruthy();
    expect(screen.getByText('Saved as info')).toBeTruthy();
  });
});
